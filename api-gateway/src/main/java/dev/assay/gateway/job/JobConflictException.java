package dev.assay.gateway.job;

import dev.assay.protocol.JobStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An action that the job's current state does not allow (409, with the state in the problem). */
public class JobConflictException extends ErrorResponseException {

    public JobConflictException(JobStatus status, String detail) {
        super(HttpStatus.CONFLICT, problem(status, detail), null);
    }

    private static ProblemDetail problem(JobStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Not possible in state " + status);
        problem.setProperty("jobStatus", status.name());
        return problem;
    }
}
