package dev.assay.gateway.security;

import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Sets passwords, always as BCrypt hashes, after checking the policy: at least 8 characters, and at most 72 bytes in
 * UTF-8 (BCrypt ignores anything longer, so a longer password would only look stronger than it is).
 */
@Component
public class Passwords {

    static final int MIN_LENGTH = 8;
    private static final int MAX_BYTES = 72;

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;

    Passwords(UserAccounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
    }

    /**
     * A hash of a new password.
     *
     * @throws BadRequest when the password breaks the policy
     */
    public String hashOfNew(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new BadRequest("The new password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new BadRequest("The new password must not be longer than " + MAX_BYTES + " bytes in UTF-8.");
        }
        return encoder.encode(password);
    }

    /** Whether {@code password} is the user's current one. */
    public boolean matches(String username, String password) {
        return password != null && accounts.find(username)
                .map(user -> encoder.matches(password, user.getPassword()))
                .orElse(false);
    }

    /**
     * Replaces the user's password; sessions and tokens stay valid.
     *
     * @return false when there is no such user
     */
    public boolean change(String username, String newPassword) {
        return accounts.setPasswordHash(username, hashOfNew(newPassword));
    }
}
