package dev.assay.gateway.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentDispositionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "report.csv                | attachment; filename=\"report.csv\"; filename*=UTF-8''report.csv",
        "../../etc/passwd          | attachment; filename=\".._.._etc_passwd\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd",
        "a \"b\".csv               | attachment; filename=\"a _b_.csv\"; filename*=UTF-8''a%20%22b%22.csv",
        "отчёт.csv                 | attachment; filename=\"_____.csv\"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.csv",
        "数据 100%.csv             | attachment; filename=\"__ 100_.csv\"; filename*=UTF-8''%E6%95%B0%E6%8D%AE%20100%25.csv"})
    void givesAnAsciiFallbackAndTheExactNameInUtf8(String name, String header) {
        assertThat(ContentDisposition.attachment(name)).isEqualTo(header);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"line\nbreak", "carriage\rreturn", "tab\there"})
    void controlCharactersNeverReachTheHeaderRaw(String name) {
        assertThat(ContentDisposition.attachment(name)).doesNotContain("\n", "\r", "\t");
    }
}
