package dev.assay.gateway.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class ProfileCsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "=HYPERLINK(\"http://evil.example\")|`\"'=HYPERLINK(\"\"http://evil.example\"\")\"`",
        "+1|'+1",
        "-2.5|'-2.5",
        "@SUM(A1)|'@SUM(A1)",
        "plain|plain",
        "a,b|`\"a,b\"`",
        "|"})
    void neutralisesFormulasAndQuotesWhatNeedsIt(String value, String cell) {
        assertThat(ProfileCsv.cell(value == null ? "" : value)).isEqualTo(cell == null ? "" : cell);
    }

    @Test
    void neutralisesTabsAndCarriageReturnsAtTheStart() {
        assertThat(ProfileCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(ProfileCsv.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
    }

    @Test
    void writesOneRowPerColumnOfTheResult() {
        String result = """
                {"columns":[{"name":"amount","type":"integer","nulls":1,"distinct":2,"min":-3,"max":7,"mean":2.0,
                  "topValues":[{"value":"7","count":2},{"value":"-3","count":1}]},
                 {"name":"city","type":"string","nulls":0,"distinct":1,"min":"Köln","max":"Köln","mean":null,
                  "topValues":[{"value":"Köln","count":3}]}]}""";
        assertThat(ProfileCsv.of(JsonMapper.builder().build().readTree(result))).isEqualTo(
                ProfileCsv.HEADER + "\r\n"
                        + "amount,integer,1,2,'-3,7,2.0,7 (2); -3 (1)\r\n"
                        + "city,string,0,1,Köln,Köln,,Köln (3)\r\n");
    }
}
