package dev.assay.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One STOMP 1.2 frame: a command, headers and a text body. Header values are escaped as STOMP 1.2 requires
 * ({@code \\}, {@code \n}, {@code \r}, {@code :}) except in CONNECT and CONNECTED frames, where the specification
 * forbids escaping.
 *
 * @param command the frame's command, e.g. {@code SUBSCRIBE} or {@code MESSAGE}
 * @param headers the headers in order; when a header repeats, the first occurrence counts
 * @param body    the body, empty when there is none
 */
record StompFrame(String command, Map<String, String> headers, String body) {

    StompFrame {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    static StompFrame of(String command, String... headerPairs) {
        if (headerPairs.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs: " + List.of(headerPairs));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return new StompFrame(command, headers, "");
    }

    String header(String name) {
        return headers.get(name);
    }

    /** The frame as sent on the wire, terminated by NUL. */
    String encode() {
        boolean escape = !command.equals("CONNECT") && !command.equals("CONNECTED");
        StringBuilder out = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> out.append(escape ? escape(name) : name).append(':')
                .append(escape ? escape(value) : value).append('\n'));
        return out.append('\n').append(body).append('\0').toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case ':' -> out.append("\\c");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'c' -> out.append(':');
                default -> throw new IllegalArgumentException("undefined STOMP escape \\" + next + " in " + text);
            }
        }
        return out.toString();
    }

    /**
     * Splits a stream of text into frames. WebSocket messages may carry part of a frame, several frames or
     * heart-beat newlines; text is fed as it arrives and complete frames come out. Bodies end at the first NUL
     * (the events read here are JSON and never contain one), so {@code content-length} is not needed.
     * Not thread-safe: one decoder per connection, fed by its listener.
     */
    static final class Decoder {

        private final StringBuilder pending = new StringBuilder();

        List<StompFrame> feed(CharSequence text) {
            pending.append(text);
            List<StompFrame> frames = new ArrayList<>();
            int end;
            while ((end = pending.indexOf("\0")) >= 0) {
                String raw = pending.substring(0, end);
                pending.delete(0, end + 1);
                StompFrame frame = parse(raw);
                if (frame != null) {
                    frames.add(frame);
                }
            }
            trimHeartBeats();
            return frames;
        }

        private void trimHeartBeats() {
            int start = 0;
            while (start < pending.length() && (pending.charAt(start) == '\n' || pending.charAt(start) == '\r')) {
                start++;
            }
            pending.delete(0, start);
        }

        private static StompFrame parse(String raw) {
            int start = 0;
            while (start < raw.length() && (raw.charAt(start) == '\n' || raw.charAt(start) == '\r')) {
                start++;
            }
            if (start == raw.length()) {
                return null;
            }
            int headerEnd = raw.indexOf("\n\n", start);
            int bodyStart = headerEnd + 2;
            int crlf = raw.indexOf("\r\n\r\n", start);
            if (crlf >= 0 && (headerEnd < 0 || crlf < headerEnd)) {
                headerEnd = crlf;
                bodyStart = crlf + 4;
            }
            if (headerEnd < 0) {
                headerEnd = raw.length();
                bodyStart = raw.length();
            }
            String[] lines = raw.substring(start, headerEnd).split("\r?\n");
            String command = lines[0];
            boolean escaped = !command.equals("CONNECT") && !command.equals("CONNECTED");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("a STOMP header without ':' in " + command + ": " + lines[i]);
                }
                String name = lines[i].substring(0, colon);
                String value = lines[i].substring(colon + 1);
                headers.putIfAbsent(escaped ? unescape(name) : name, escaped ? unescape(value) : value);
            }
            return new StompFrame(command, headers, raw.substring(Math.min(bodyStart, raw.length())));
        }
    }
}
