package dev.assay.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of {@code assay.users} ({@code ASSAY_USERS}): {@code name:password[:ROLE]}, entries separated by commas.
 * A password therefore cannot contain {@code :} or {@code ,}.
 *
 * @param username the user name
 * @param password the plain password, only until it is hashed
 * @param role     USER unless given
 */
record UserSpec(String username, String password, Role role) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    @Override
    public String toString() {
        return "UserSpec[" + username + ", " + role + "]";
    }

    /**
     * Parses the whole setting.
     *
     * @throws IllegalArgumentException naming the entry (never its password) that is malformed
     */
    static List<UserSpec> parseAll(String setting) {
        List<UserSpec> users = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return users;
        }
        int index = 0;
        for (String entry : setting.split(",")) {
            index++;
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("assay.users entry " + index
                        + " is not name:password[:ROLE] (a password cannot contain ':' or ',')");
            }
            String name = parts[0].strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("assay.users entry " + index
                        + ": the user name must be 1-100 letters, digits or . _ @ -");
            }
            if (parts[1].isEmpty()) {
                throw new IllegalArgumentException("assay.users entry " + index + " (" + name
                        + ") has an empty password");
            }
            Role role = Role.USER;
            if (parts.length == 3) {
                try {
                    role = Role.valueOf(parts[2].strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("assay.users entry " + index + " (" + name
                            + ") has an unknown role '" + parts[2].strip() + "'; use USER or ADMIN");
                }
            }
            users.add(new UserSpec(name, parts[1], role));
        }
        return users;
    }
}
