package dev.assay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/** Personal API tokens, one's own password, the browser session's CSRF check, and who sees which jobs. */
class AccountsAndTokensTest extends SecuredGatewayTest {

    @Autowired
    UserAccounts accounts;
    @Autowired
    Passwords passwords;

    private String aUser() {
        String name = "user-" + UUID.randomUUID();
        accounts.create(name, passwords.hashOfNew(PASSWORD), Role.USER);
        return name;
    }

    private static RequestPostProcessor bearer(String secret) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + secret);
            return request;
        };
    }

    @Test
    void aTokenIsShownOnceStoredHashedListedWithoutItsSecretAndRefusedOnceRevoked() throws Exception {
        String user = aUser();
        String answer = mvc.perform(post("/api/tokens").with(httpBasic(user, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"ci\",\"expiresInDays\":7}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("ci"))
                .andExpect(jsonPath("$.lastUsedAt").isEmpty())
                .andReturn().getResponse().getContentAsString();
        JsonNode created = json.readTree(answer);
        String secret = created.path("token").asString();
        assertThat(secret).matches("assay_[A-Za-z0-9_-]{43}");
        assertThat(Duration.between(java.time.Instant.parse(created.path("createdAt").asString()),
                java.time.Instant.parse(created.path("expiresAt").asString()))).isEqualTo(Duration.ofDays(7));

        mvc.perform(get("/api/auth/me").with(bearer(secret)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.username").value(user));
        mvc.perform(get("/api/tokens").with(bearer(secret)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(created.path("id").asString()))
                .andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty())
                .andExpect(jsonPath("$[0].token").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        secret))));

        mvc.perform(delete("/api/tokens/" + created.path("id").asString()).with(bearer(secret)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/auth/me").with(bearer(secret)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void expiredUnknownAndDisabledUsersTokensAnswer401() throws Exception {
        String user = aUser();
        String expired = tokens.create(user, "old", Duration.ofSeconds(-1)).secret();
        mvc.perform(get("/api/auth/me").with(bearer(expired))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/auth/me").with(bearer("assay_" + "x".repeat(43)))).andExpect(status().isUnauthorized());

        String live = tokens.create(user, "live", Duration.ofDays(1)).secret();
        mvc.perform(get("/api/auth/me").with(bearer(live))).andExpect(status().isOk());
        accounts.setEnabled(user, false);
        mvc.perform(get("/api/auth/me").with(bearer(live))).andExpect(status().isUnauthorized());
    }

    @Test
    void tokenRequestsAreValidated() throws Exception {
        mvc.perform(post("/api/tokens").with(as(ALICE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/tokens").with(as(ALICE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"expiresInDays\":366}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("expiresInDays must be less than or equal to 365 (was 366)."));
        mvc.perform(delete("/api/tokens/not-a-uuid").with(as(ALICE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'not-a-uuid' is not a valid id; it must be a UUID such as"
                        + " 3f2c8a4e-9b1d-4c6a-8e2f-1a2b3c4d5e6f."));
    }

    @Test
    void aUserChangesTheirPasswordKnowingTheCurrentOne() throws Exception {
        String user = aUser();
        mvc.perform(post("/api/auth/password").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"wrong-one\",\"newPassword\":\"a-new-password\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The current password is not correct"));
        mvc.perform(post("/api/auth/password").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"short\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The new password must have at least 8 characters."));
        mvc.perform(post("/api/auth/password").with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a-new-password\"}"))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/auth/me").with(httpBasic(user, PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/auth/me").with(httpBasic(user, "a-new-password"))).andExpect(status().isOk());
    }

    @Test
    void aBrowserSessionNeedsTheCsrfTokenForEveryStateChange() throws Exception {
        MockHttpSession before = new MockHttpSession();
        String idBefore = before.getId();
        MockHttpSession session = (MockHttpSession) mvc.perform(post("/api/auth/login").session(before)
                        .with(DashboardRequests.xsrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isOk())
                .andReturn().getRequest().getSession(false);
        assertThat(session.getId()).as("the sign-in changes the session id").isNotEqualTo(idBefore);

        mvc.perform(post("/api/tokens").session(session).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"forged\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The CSRF token")));
        mvc.perform(post("/api/tokens").session(session).with(DashboardRequests.xsrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"from the dashboard\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void anAdministratorSeesEveryonesJobsAndAUserOnlyTheirOwnWhateverTheyAsk() throws Exception {
        String alone = aUser();
        UUID bobs = uploaded(BOB, "bobs.csv", "a\n1\n");
        UUID users = uploaded(alone, "mine.csv", "a\n1\n");

        String all = mvc.perform(get("/api/jobs?scope=all&size=200").with(as(ROOT)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(all).contains(bobs.toString(), users.toString());

        mvc.perform(get("/api/jobs?scope=all").with(as(alone)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].id").value(users.toString()))
                .andExpect(jsonPath("$.items[0].owner").value(alone))
                .andExpect(jsonPath("$.items[0].expired").value(false));
        mvc.perform(get("/api/jobs/" + bobs).with(as(ROOT)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.owner").value(BOB));
    }
}
