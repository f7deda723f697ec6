package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StompFrameTest {

    @Test
    void encodesCommandHeadersBodyAndNul() {
        assertThat(StompFrame.of("SUBSCRIBE", "id", "0", "destination", "/user/queue/jobs").encode())
                .isEqualTo("SUBSCRIBE\nid:0\ndestination:/user/queue/jobs\n\n\0");
    }

    @Test
    void escapesHeaderValuesExceptInConnectFrames() {
        assertThat(StompFrame.of("SEND", "note", "a:b\nc\\").encode()).isEqualTo("SEND\nnote:a\\cb\\nc\\\\\n\n\0");
        assertThat(StompFrame.of("CONNECT", "host", "h:1").encode()).isEqualTo("CONNECT\nhost:h:1\n\n\0");
    }

    @Test
    void decodesAFrameSplitOverSeveralMessages() {
        StompFrame.Decoder decoder = new StompFrame.Decoder();
        assertThat(decoder.feed("MESSAGE\ndestination:/user/queue/jobs\nsubscr")).isEmpty();
        List<StompFrame> frames = decoder.feed("iption:0\n\n{\"jobId\":\"x\"}\0");
        assertThat(frames).singleElement().satisfies(frame -> {
            assertThat(frame.command()).isEqualTo("MESSAGE");
            assertThat(frame.header("subscription")).isEqualTo("0");
            assertThat(frame.body()).isEqualTo("{\"jobId\":\"x\"}");
        });
    }

    @Test
    void decodesSeveralFramesAndSkipsHeartBeats() {
        List<StompFrame> frames = new StompFrame.Decoder()
                .feed("\nCONNECTED\nversion:1.2\n\n\0\n\nRECEIPT\nreceipt-id:r\\c1\n\n\0\n");
        assertThat(frames).extracting(StompFrame::command).containsExactly("CONNECTED", "RECEIPT");
        assertThat(frames.get(1).header("receipt-id")).isEqualTo("r:1");
        assertThat(frames.get(1).body()).isEmpty();
    }

    @Test
    void acceptsCrLfLineEndsAndKeepsTheFirstOfRepeatedHeaders() {
        StompFrame frame = new StompFrame.Decoder().feed("ERROR\r\nmessage:first\r\nmessage:second\r\n\r\nwhy\0")
                .get(0);
        assertThat(frame.header("message")).isEqualTo("first");
        assertThat(frame.body()).isEqualTo("why");
    }

    @Test
    void roundTripsEscapedHeaders() {
        StompFrame sent = StompFrame.of("MESSAGE", "odd", "x:y\\z\r\nw");
        assertThat(new StompFrame.Decoder().feed(sent.encode())).containsExactly(sent);
    }

    @Test
    void rejectsAHeaderWithoutColon() {
        assertThatThrownBy(() -> new StompFrame.Decoder().feed("MESSAGE\nbroken\n\n\0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken");
    }
}
