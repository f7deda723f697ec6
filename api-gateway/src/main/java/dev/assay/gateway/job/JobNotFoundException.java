package dev.assay.gateway.job;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A job that does not exist or belongs to someone else: both answer 404 alike. */
public class JobNotFoundException extends ErrorResponseException {

    public JobNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no job " + id + ".");
        problem.setTitle("Job not found");
        return problem;
    }
}
