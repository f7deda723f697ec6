package dev.assay.gateway.token;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal API token as listed: never its secret.
 *
 * @param id         the token's id (to revoke it)
 * @param name       what its owner called it
 * @param createdAt  when it was created
 * @param expiresAt  after this instant it is refused
 * @param lastUsedAt when it last authenticated a request; null if never
 */
public record ApiToken(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
}
