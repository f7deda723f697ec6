package dev.assay.gateway.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A personal API token as presented in {@code Authorization: Bearer …}, before it is checked. */
public final class BearerTokenAuthentication extends AbstractAuthenticationToken {

    private final String token;

    BearerTokenAuthentication(String token) {
        super(List.of());
        this.token = token;
        setAuthenticated(false);
    }

    /** The secret as the client sent it. */
    public String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public String toString() {
        return "BearerTokenAuthentication[secret hidden]";
    }
}
