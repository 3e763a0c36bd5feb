package dev.realtime.system;

import java.util.Collection;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns the framework's "cannot read this input" failures into 400 answers that name the input, so a client
 * learns which parameter or field to fix. The wording matches the socket gateway's, which reads the same values.
 */
final class InputErrors {

    private InputErrors() {
    }

    static ApiException describe(ServerWebInputException error) {
        if (error instanceof MissingRequestValueException missing) {
            return ApiException.invalid(missing.getName(), "is required");
        }
        if (error.getCause() instanceof TypeMismatchException mismatch && error.getMethodParameter() != null) {
            return ApiException.invalid(name(error.getMethodParameter()), expected(mismatch.getRequiredType()));
        }
        return body(error);
    }

    /** A body Jackson could not read: the field and why when that is known, else "malformed". */
    static ApiException body(Throwable error) {
        JacksonException json = jacksonCause(error);
        if (json instanceof JsonInputConfiguration.TextRuleException) {
            return ApiException.invalid(path(json), json.getOriginalMessage());
        }
        if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return ApiException.invalid(path(json), expected(mismatch.getTargetType()));
        }
        if (json instanceof InputCoercionException outOfRange) {
            return ApiException.invalid(path(json), expected(outOfRange.getTargetType()));
        }
        return new ApiException(ErrorCode.VALIDATION_FAILED, "body: malformed or missing JSON");
    }

    private static JacksonException jacksonCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    /** The field as a client names it: {@code title}, {@code memberIds[1]}; "body" for the body itself. */
    private static String path(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What a value of the type must look like, in the words the socket gateway uses. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** The parameter's name as the client wrote it (handler parameters synthesize name/value aliases). */
    private static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable != null && !variable.name().isEmpty()) {
            return variable.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "parameter";
    }
}
