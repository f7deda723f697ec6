package dev.assay.gateway.upload;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An upload that is refused as a whole; nothing of it is kept. */
public class UploadRejectedException extends ErrorResponseException {

    public UploadRejectedException(HttpStatus status, String title, String detail) {
        this(status, title, detail, null);
    }

    public UploadRejectedException(HttpStatus status, String title, String detail, Throwable cause) {
        super(status, problem(status, title, detail), cause);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static UploadRejectedException badRequest(String detail) {
        return new UploadRejectedException(HttpStatus.BAD_REQUEST, "Bad upload", detail);
    }
}
