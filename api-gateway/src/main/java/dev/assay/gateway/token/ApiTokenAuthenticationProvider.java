package dev.assay.gateway.token;

import dev.assay.gateway.security.BearerTokenAuthentication;
import dev.assay.gateway.security.UserAccounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/** Checks a bearer token: it must be live and its user enabled; the user's roles are read at every request. */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;
    private final UserAccounts accounts;

    ApiTokenAuthenticationProvider(ApiTokens tokens, UserAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((BearerTokenAuthentication) authentication).token();
        UserDetails user = tokens.userOf(secret).flatMap(accounts::find)
                .orElseThrow(() -> new BadCredentialsException("Unknown, revoked or expired token"));
        if (!user.isEnabled()) {
            throw new DisabledException("The token's user is disabled");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, user.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
