package dev.assay.gateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's personal API tokens: create (the secret is answered once), list, revoke. */
@RestController
@RequestMapping("/api/tokens")
class TokenController {

    private static final int DEFAULT_DAYS = 90;

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    List<ApiToken> list(Authentication user) {
        return tokens.list(user.getName());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken create(@Valid @RequestBody NewToken request, Authentication user) {
        int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
        ApiTokens.Created created = tokens.create(user.getName(), request.name().strip(), Duration.ofDays(days));
        ApiToken token = created.token();
        return new CreatedToken(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt(),
                created.secret());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id, Authentication user) {
        if (!tokens.revoke(id, user.getName())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no token " + id
                    + ".");
            problem.setTitle("Token not found");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
    }

    /** A token to create: a name, and a lifetime in days (90 when not given). */
    record NewToken(@NotBlank @Size(max = 100) String name, @Min(1) @Max(365) Integer expiresInDays) {
    }

    /** A new token with its secret, the only time the secret is shown. */
    record CreatedToken(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
            String token) {
    }
}
