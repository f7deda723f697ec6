package dev.assay.gateway.quota;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request over one of the caller's quotas; 429 answers say in {@code Retry-After} when to try again. */
public class QuotaExceededException extends ErrorResponseException {

    QuotaExceededException(HttpStatus status, String title, String detail, Long retryAfterSeconds) {
        super(status, problem(status, title, detail), null);
        if (retryAfterSeconds != null) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        }
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
