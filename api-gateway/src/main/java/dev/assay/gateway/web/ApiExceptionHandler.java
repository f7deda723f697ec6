package dev.assay.gateway.web;

import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every error of the API as RFC 9457 problem JSON with a human {@code detail} and the request path as
 * {@code instance}: Spring MVC's own exceptions, the application's {@code ErrorResponseException}s, and anything
 * unexpected (500, details only in the log).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error on {}", path(request), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on the server; the error is logged.");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** A query or path parameter of the wrong form, said in words: which parameter, what was given, what is allowed. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        return badRequest(ex, notAValid(ex.getValue(), name, ex.getRequiredType()), headers, request);
    }

    /** Constraint violations of parameters, e.g. {@code size=0}, named with their limits rather than "Validation failure". */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " "
                                + error.getDefaultMessage() + " (was " + result.getArgument() + ")"))
                .collect(Collectors.joining("; "));
        return badRequest(ex, detail.isEmpty() ? "The request's parameters are not valid." : detail + ".", headers,
                request);
    }

    /** A request body that breaks its constraints, e.g. {@code expiresInDays: 0}, named field by field. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage() + " (was " + error.getRejectedValue()
                        + ")")
                .collect(Collectors.joining("; "));
        return badRequest(ex, detail.isEmpty() ? "The request body is not valid." : detail + ".", headers, request);
    }

    /** A request body that is not the JSON expected: which field, what was given and, for a choice, what is allowed. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The request body is not the JSON this endpoint expects.";
        if (ex.getCause() instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
            String field = invalid.getPath().get(invalid.getPath().size() - 1).getPropertyName();
            detail = notAValid(invalid.getValue(), field, invalid.getTargetType());
        }
        return badRequest(ex, detail, headers, request);
    }

    /** "'x' is not a valid name.", with what is allowed when the type says it (a choice, an id). */
    private static String notAValid(Object value, String name, Class<?> type) {
        String allowed = type != null && type.isEnum()
                ? "; use one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "))
                : type == UUID.class ? "; it must be a UUID such as 3f2c8a4e-9b1d-4c6a-8e2f-1a2b3c4d5e6f" : "";
        return "'" + value + "' is not a valid " + name + allowed + ".";
    }

    private ResponseEntity<Object> badRequest(Exception ex, String detail, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null) {
                problem.setType(ABOUT_BLANK);
            }
            String path = path(request);
            if (problem.getInstance() == null && path != null) {
                problem.setInstance(URI.create(path));
            }
        }
        return response;
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest) {
            HttpServletRequest servletRequest = nativeRequest.getNativeRequest(HttpServletRequest.class);
            if (servletRequest != null) {
                return servletRequest.getRequestURI();
            }
        }
        return null;
    }
}
