package dev.assay.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.security.Passwords;
import dev.assay.gateway.security.Role;
import dev.assay.gateway.security.SecuredGatewayTest;
import dev.assay.gateway.security.UserAccounts;
import dev.assay.protocol.JobStatus;
import org.hamcrest.Matchers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Each quota answers its own status with problem JSON, and a refused upload leaves no file behind. */
class QuotaEnforcementTest extends SecuredGatewayTest {

    @Autowired
    UserAccounts accounts;
    @Autowired
    Passwords passwords;
    @Autowired
    QuotaStore quotas;
    @Autowired
    MeterRegistry meters;

    private String aUserWith(Quota quota) {
        String name = "quota-" + UUID.randomUUID();
        accounts.create(name, passwords.hashOfNew(PASSWORD), Role.USER);
        quotas.setOverrides(name, quota);
        return name;
    }

    private long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(storageDir()))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aFileOverTheUsersLimitIs413() throws Exception {
        String user = aUserWith(new Quota(10L, null, null, null));
        mvc.perform(upload("big.csv", "a,b\n1,2\n3,4\n").with(as(user)))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("A file is larger than the limit of 10 bytes."));
        mvc.perform(upload("small.csv", "a\n1\n").with(as(user))).andExpect(status().isAccepted());
    }

    @Test
    void anUploadOverTheStorageQuotaIs507AndNothingOfItIsKept() throws Exception {
        String user = aUserWith(new Quota(null, null, 12L, null));
        mvc.perform(upload("first.csv", "a\n1\n2\n").with(as(user))).andExpect(status().isAccepted());
        long before = storedFiles();
        double rejectedBefore = meters.get("assay.uploads").tag("outcome", "rejected").counter().count();
        mvc.perform(upload("second.csv", "a\n1\n2\n3\n").with(as(user)))
                .andExpect(status().isInsufficientStorage())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith(
                        "This upload does not fit in your storage quota: 6 bytes are left.")));
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(meters.get("assay.uploads").tag("outcome", "rejected").counter().count())
                .as("a quota refusal is a rejected upload, not a failed one").isEqualTo(rejectedBefore + 1);
    }

    @Test
    void atTheCapOfActiveJobsAnUploadIs429WithRetryAfter() throws Exception {
        String user = aUserWith(new Quota(null, 1, null, null));
        Instant now = Instant.now();
        // A job that stays QUEUED: inserted as the upload would, but never handed to a worker.
        jobRepository.insert(new Job(UUID.randomUUID(), user, "waiting.csv", "2026/12/01/" + UUID.randomUUID(), 1,
                "0".repeat(64), JobStatus.QUEUED, 1, null, null, null, null, Map.of(), now, null, null, null, null,
                now, now));
        mvc.perform(upload("one-more.csv", "a\n1\n").with(as(user)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("1 queued or running jobs at once")));
    }

    @Test
    void moreUploadsThanAllowedInAMinuteAre429WithRetryAfter() throws Exception {
        String user = aUserWith(new Quota(null, null, null, 2));
        mvc.perform(upload("1.csv", "a\n1\n").with(as(user))).andExpect(status().isAccepted());
        mvc.perform(upload("2.csv", "a\n1\n").with(as(user))).andExpect(status().isAccepted());
        String retryAfter = mvc.perform(upload("3.csv", "a\n1\n").with(as(user)))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("You may upload 2 files a minute")))
                .andReturn().getResponse().getHeader("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 61);
    }
}
