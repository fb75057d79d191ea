package dev.tviews.common;

/**
 * A tviews operation failed. The message is a full sentence naming the object and what to do;
 * the cause, when there is one, is the database error it came from.
 */
public class TViewsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TViewsException(String message) {
        super(message);
    }

    public TViewsException(String message, Throwable cause) {
        super(message, cause);
    }
}
