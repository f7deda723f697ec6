package dev.assay.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.security.SecuredGatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** The administration API: users created, changed, reset and deleted with all they own; no self-lockout. */
class UserAdministrationTest extends SecuredGatewayTest {

    private ResultActions createUser(String username, String password, String role) throws Exception {
        return mvc.perform(post("/api/admin/users").with(as(ROOT)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
                        + (role == null ? "" : ",\"role\":\"" + role + "\"") + "}"));
    }

    @Test
    void anUnknownRoleIsABadRequestThatNamesTheRoles() throws Exception {
        createUser("someone-" + UUID.randomUUID(), "a-password", "SUPERUSER")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'SUPERUSER' is not a valid role; use one of USER, ADMIN."));
    }

    @Test
    void anAdministratorCreatesAUserWhoCanThenSignIn() throws Exception {
        String name = "new.user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        createUser(name, "first-password", null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(name))
                .andExpect(jsonPath("$.role").value("USER"))
                .andExpect(jsonPath("$.enabled").value(true))
                .andExpect(jsonPath("$.jobs").value(0))
                .andExpect(jsonPath("$.storageBytes").value(0))
                .andExpect(jsonPath("$.quota.maxFileBytes").isEmpty());
        mvc.perform(get("/api/auth/me").with(httpBasic(name, "first-password"))).andExpect(status().isOk());

        createUser(name, "first-password", null).andExpect(status().isConflict());
        createUser("no spaces allowed", "first-password", null).andExpect(status().isBadRequest());
        createUser("short-password-" + UUID.randomUUID(), "short", null).andExpect(status().isBadRequest());

        mvc.perform(post("/api/admin/users/" + name + "/password").with(as(ROOT))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"password\":\"second-password\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/auth/me").with(httpBasic(name, "second-password"))).andExpect(status().isOk());

        mvc.perform(patch("/api/admin/users/" + name).with(as(ROOT)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":false,\"quota\":{\"maxActiveJobs\":3}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false))
                .andExpect(jsonPath("$.quota.maxActiveJobs").value(3))
                .andExpect(jsonPath("$.quota.maxStorageBytes").isEmpty());
        mvc.perform(get("/api/auth/me").with(httpBasic(name, "second-password"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/users").with(as(ROOT)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == '" + name + "')].enabled").value(false));
    }

    @Test
    void anAdministratorCannotLockThemselvesOut() throws Exception {
        mvc.perform(patch("/api/admin/users/" + ROOT).with(as(ROOT)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":false}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("yourself")));
        mvc.perform(patch("/api/admin/users/" + ROOT).with(as(ROOT)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\":\"USER\"}"))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/admin/users/" + ROOT).with(as(ROOT))).andExpect(status().isConflict());
        mvc.perform(get("/api/auth/me").with(as(ROOT))).andExpect(jsonPath("$.roles[0]").value("ADMIN"));
    }

    @Test
    void deletingAUserDeletesTheirTokensJobsAndFiles() throws Exception {
        String name = "leaving-" + UUID.randomUUID();
        createUser(name, "leaving-password", null).andExpect(status().isCreated());
        String token = tokens.create(name, "t", java.time.Duration.ofDays(1)).secret();
        UUID job = uploaded(name, "theirs.csv", "a\n1\n");
        Job stored = jobRepository.findById(job).orElseThrow();
        Path file = Path.of(storageDir()).resolve(stored.storageKey());
        assertThat(file).exists();

        mvc.perform(delete("/api/admin/users/" + name).with(as(ROOT))).andExpect(status().isNoContent());

        assertThat(jobRepository.findById(job)).isEmpty();
        assertThat(Files.exists(file)).isFalse();
        assertThat(tokens.userOf(token)).isEmpty();
        mvc.perform(delete("/api/admin/users/" + name).with(as(ROOT))).andExpect(status().isNotFound());
    }

    @Test
    void theQuotaDefaultsAreTheConfiguredOnes() throws Exception {
        mvc.perform(get("/api/admin/quota-defaults").with(as(ROOT)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.maxFileBytes").value(1024L * 1024 * 1024))
                .andExpect(jsonPath("$.maxActiveJobs").value(50))
                .andExpect(jsonPath("$.maxStorageBytes").value(20L * 1024 * 1024 * 1024))
                .andExpect(jsonPath("$.uploadsPerMinute").value(120));
    }
}
