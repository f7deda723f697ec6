package dev.assay.gateway.security;

import org.springframework.security.core.Authentication;

/** What a user may do. Spring Security sees these as authorities {@code ROLE_USER}, {@code ROLE_ADMIN}. */
public enum Role {
    USER, ADMIN;

    /** The authority name Spring Security checks. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether the authenticated caller has this role. */
    public boolean heldBy(Authentication caller) {
        return caller != null && caller.getAuthorities().stream().anyMatch(a -> authority().equals(a.getAuthority()));
    }
}
