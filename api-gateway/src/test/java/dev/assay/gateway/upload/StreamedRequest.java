package dev.assay.gateway.upload;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.mock.web.MockHttpServletRequest;

/** A POST whose body is read from a stream, as from a socket: nothing of it exists in memory beforehand. */
final class StreamedRequest extends HttpServletRequestWrapper {

    private final InputStream body;

    private StreamedRequest(MockHttpServletRequest request, InputStream body) {
        super(request);
        this.body = body;
    }

    static StreamedRequest multipart(InputStream body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/jobs");
        request.setContentType(MultipartBody.contentType());
        return new StreamedRequest(request, body);
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public ServletInputStream getInputStream() {
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return body.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return body.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
            }
        };
    }
}
