package dev.assay.gateway.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/password}: a signed-in user changes their own password, knowing the current one. */
@RestController
class PasswordController {

    private final Passwords passwords;

    PasswordController(Passwords passwords) {
        this.passwords = passwords;
    }

    @PostMapping("/api/auth/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@RequestBody PasswordChange change, Authentication user) {
        if (!passwords.matches(user.getName(), change.currentPassword())) {
            throw new BadRequest("The current password is not correct");
        }
        passwords.change(user.getName(), change.newPassword());
    }

    /** The current password, and the new one. */
    record PasswordChange(String currentPassword, String newPassword) {
    }
}
