package dev.assay.gateway.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/** The {@code users} table: accounts with BCrypt password hashes, never plain passwords. */
@Repository
public class UserAccounts implements UserDetailsService {

    private final JdbcClient jdbc;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    /** The account of that name, if there is one. */
    public Optional<UserDetails> find(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM users WHERE username = :username")
                .param("username", username)
                .query((rs, row) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional();
    }

    /** Every account, by name. */
    public List<Account> list() {
        return jdbc.sql("SELECT username, role, enabled, created_at FROM users ORDER BY username")
                .query(UserAccounts::account)
                .list();
    }

    /** The account of that name, without its password hash. */
    public Optional<Account> account(String username) {
        return jdbc.sql("SELECT username, role, enabled, created_at FROM users WHERE username = :username")
                .param("username", username)
                .query(UserAccounts::account)
                .optional();
    }

    /**
     * Creates an account.
     *
     * @param passwordHash a BCrypt hash
     * @throws DuplicateKeyException when the name is taken
     */
    public void create(String username, String passwordHash, Role role) {
        jdbc.sql("""
                        INSERT INTO users (username, password_hash, role, enabled, created_at)
                        VALUES (:username, :hash, :role, true, :at)""")
                .param("username", username)
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Replaces the password hash; false when there is no such user. */
    public boolean setPasswordHash(String username, String passwordHash) {
        return jdbc.sql("UPDATE users SET password_hash = :hash WHERE username = :username")
                .param("hash", passwordHash)
                .param("username", username)
                .update() > 0;
    }

    /** Enables or disables the account; a disabled user can sign in with nothing, tokens included. */
    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE users SET enabled = :enabled WHERE username = :username")
                .param("enabled", enabled)
                .param("username", username)
                .update() > 0;
    }

    /** Gives the account another role. */
    public boolean setRole(String username, Role role) {
        return jdbc.sql("UPDATE users SET role = :role WHERE username = :username")
                .param("role", role.name())
                .param("username", username)
                .update() > 0;
    }

    /** Deletes the account (its tokens go with it); false when there is no such user. */
    public boolean delete(String username) {
        return jdbc.sql("DELETE FROM users WHERE username = :username").param("username", username).update() > 0;
    }

    /** An account as administrators see it. */
    public record Account(String username, Role role, boolean enabled, Instant createdAt) {
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /**
     * Creates an account unless one of that name exists; an existing account is never changed.
     *
     * @param passwordHash a BCrypt hash
     * @return whether it was created
     */
    public boolean createIfMissing(String username, String passwordHash, Role role) {
        if (find(username).isPresent()) {
            return false;
        }
        try {
            create(username, passwordHash, role);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
