package dev.assay.gateway.admin;

import java.util.List;

import dev.assay.gateway.quota.Quota;
import dev.assay.gateway.quota.Quotas;
import dev.assay.gateway.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The administration API (role ADMIN; for anyone else it answers 404, see the security configuration). */
@RestController
@RequestMapping("/api/admin")
class AdminController {

    private final UserAdministration users;
    private final Quotas quotas;

    AdminController(UserAdministration users, Quotas quotas) {
        this.users = users;
        this.quotas = quotas;
    }

    @GetMapping("/users")
    List<UserView> list() {
        return users.list();
    }

    @GetMapping("/quota-defaults")
    Quota quotaDefaults() {
        return quotas.defaults();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody NewUser user) {
        return users.create(user.username(), user.password(), user.role());
    }

    @PatchMapping("/users/{username}")
    UserView update(@PathVariable String username, @RequestBody UserChange change, Authentication admin) {
        return users.update(admin.getName(), username, change.enabled(), change.role(), change.quota());
    }

    @PostMapping("/users/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String username, @RequestBody PasswordReset reset) {
        users.resetPassword(username, reset.password());
    }

    @DeleteMapping("/users/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username, Authentication admin) {
        users.delete(admin.getName(), username);
    }

    /** A user to create; the role is USER unless given. */
    record NewUser(String username, String password, Role role) {
    }

    /** What to change; absent fields stay as they are, a present {@code quota} replaces all four overrides. */
    record UserChange(Boolean enabled, Role role, Quota quota) {
    }

    /** The new password. */
    record PasswordReset(String password) {
    }
}
