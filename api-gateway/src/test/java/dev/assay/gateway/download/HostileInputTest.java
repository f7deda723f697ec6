package dev.assay.gateway.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import dev.assay.gateway.security.SecuredGatewayTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Hostile file names and contents: names are stored and shown exactly (never used as paths), downloads carry an
 * RFC 6266 Content-Disposition, CSV exports are neutralised against formula injection; security headers and CORS.
 */
class HostileInputTest extends SecuredGatewayTest {

    private static final String CONTENT = "name,link\nx,1\n";

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "quote\"d\nand\r\nnew;lines'.csv", "отчёт 数据 2026.csv",
        "..\\..\\windows\\win.ini"})
    void aFileNameIsStoredUnderAGeneratedKeyAndShownExactly(String name) throws Exception {
        UUID id = completed(ALICE, name, CONTENT);

        mvc.perform(get("/api/jobs/" + id).with(as(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fileName").value(name));
        String key = jobRepository.findById(id).orElseThrow().storageKey();
        assertThat(key).matches("\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}");
        assertThat(Path.of(storageDir()).resolve(key)).hasContent(CONTENT);
        try (Stream<Path> stored = Files.walk(Path.of(storageDir()).getParent())) {
            assertThat(stored).noneMatch(path -> path.getFileName().toString().contains("passwd")
                    || path.getFileName().toString().contains("win.ini"));
        }

        MockHttpServletResponse download = mvc.perform(get("/api/jobs/" + id + "/file").with(as(ALICE)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/octet-stream"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andReturn().getResponse();
        assertThat(download.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(CONTENT);
        String disposition = download.getHeader("Content-Disposition");
        assertThat(disposition).doesNotContain("\n", "\r").startsWith("attachment; filename=\"");
        assertThat(org.springframework.http.ContentDisposition.parse(disposition).getFilename())
                .as("the RFC 5987 name, decoded as a browser does").isEqualTo(name);
    }

    @Test
    void aNulInAFileNameIsReplacedByUFFFDBecausePostgresTextCannotHoldIt() throws Exception {
        UUID id = uploaded(ALICE, "nul\u0000byte.csv", CONTENT);
        mvc.perform(get("/api/jobs/" + id).with(as(ALICE)))
                .andExpect(jsonPath("$.fileName").value("nul\uFFFDbyte.csv"));
    }

    @Test
    void theCsvExportNeutralisesFormulas() throws Exception {
        UUID id = completed(ALICE, "=cmd.csv", "name,amount,at\n"
                + "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",+1,@SUM(A1)\n=1+1,-2,@x\n");
        MockHttpServletResponse export = mvc.perform(get("/api/jobs/" + id + "/result.csv").with(as(ALICE)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"=cmd.csv.profile.csv\"; filename*=UTF-8''%3Dcmd.csv.profile.csv"))
                .andReturn().getResponse();
        String csv = export.getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith(ProfileCsv.HEADER + "\r\n").contains("'=HYPERLINK");
        for (String line : csv.split("\r\n")) {
            for (String cell : line.split(",")) {
                String value = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(value).as("a cell of " + line).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@");
            }
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        mvc.perform(get("/index.html"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("default-src 'self'"),
                        org.hamcrest.Matchers.containsString("style-src 'self' 'unsafe-inline'"),
                        org.hamcrest.Matchers.containsString("connect-src 'self' ws: wss:"),
                        org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))));
    }

    @Test
    void corsIsClosedByDefault() throws Exception {
        mvc.perform(options("/api/jobs").header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        mvc.perform(get("/api/auth/me").with(as(ALICE)).header("Origin", "https://evil.example"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

}
