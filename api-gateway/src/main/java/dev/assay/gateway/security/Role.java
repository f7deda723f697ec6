package dev.assay.gateway.security;

/** What a user may do. Spring Security sees these as authorities {@code ROLE_USER}, {@code ROLE_ADMIN}. */
public enum Role {
    USER, ADMIN;

    /** The authority name Spring Security checks. */
    public String authority() {
        return "ROLE_" + name();
    }
}
