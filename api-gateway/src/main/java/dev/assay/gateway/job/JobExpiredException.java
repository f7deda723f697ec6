package dev.assay.gateway.job;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The file and result of a job that retention has deleted (410 Gone); the job itself is still listed. */
public class JobExpiredException extends ErrorResponseException {

    public JobExpiredException(UUID id) {
        super(HttpStatus.GONE, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, "The file and result of job " + id
                + " were deleted by the retention policy; the job's state and figures are kept.");
        problem.setTitle("Expired");
        return problem;
    }
}
