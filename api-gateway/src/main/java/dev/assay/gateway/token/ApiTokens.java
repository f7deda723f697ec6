package dev.assay.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code api_tokens} table. A secret is {@code assay_} and 32 random bytes in base64url (43 characters); only its
 * SHA-256 is stored, so the secret is shown once, at creation, and a database dump reveals none. SHA-256 rather than
 * BCrypt: the secret has 256 bits of entropy, so there is nothing to slow down guessing of, and a lookup by hash stays
 * one index read per request.
 */
@Repository
public class ApiTokens {

    static final String PREFIX = "assay_";
    private static final int SECRET_BYTES = 32;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token and its secret, which is not kept anywhere. */
    public record Created(ApiToken token, String secret) {
    }

    /** Creates a token for {@code username} valid for {@code lifetime}. */
    public Created create(String username, String name, Duration lifetime) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(UUID.randomUUID(), name, now, now.plus(lifetime), null);
        jdbc.sql("""
                        INSERT INTO api_tokens (id, username, name, token_hash, created_at, expires_at)
                        VALUES (:id, :username, :name, :hash, :createdAt, :expiresAt)""")
                .param("id", token.id())
                .param("username", username)
                .param("name", name)
                .param("hash", hash(secret))
                .param("createdAt", utc(token.createdAt()))
                .param("expiresAt", utc(token.expiresAt()))
                .update();
        return new Created(token, secret);
    }

    /** The user's tokens, newest first, expired ones included until revoked. */
    public List<ApiToken> list(String username) {
        return jdbc.sql("""
                        SELECT id, name, created_at, expires_at, last_used_at FROM api_tokens
                        WHERE username = :username ORDER BY created_at DESC, id""")
                .param("username", username)
                .query(this::mapRow)
                .list();
    }

    /** Deletes the user's token; false when they have none of that id. */
    public boolean revoke(UUID id, String username) {
        return jdbc.sql("DELETE FROM api_tokens WHERE id = :id AND username = :username")
                .param("id", id)
                .param("username", username)
                .update() > 0;
    }

    /** The user a secret belongs to when it is a live (not expired, not revoked) token; records its use. */
    public Optional<String> userOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = hash(secret);
        Optional<String> username = jdbc.sql(
                        "SELECT username FROM api_tokens WHERE token_hash = :hash AND expires_at > :now")
                .param("hash", hash)
                .param("now", utc(now))
                .query(String.class)
                .optional();
        username.ifPresent(found -> jdbc.sql("UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :hash")
                .param("now", utc(now))
                .param("hash", hash)
                .update());
        return username;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private ApiToken mapRow(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
