package dev.realtime.system;

/** The body of every API error: {@code {"error": {"code", "message"}}}. */
public record ApiError(Detail error) {

    public record Detail(String code, String message) {
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(new Detail(code.name(), message));
    }
}
