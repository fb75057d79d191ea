package dev.tviews.spring;

/** A {@code tviews.*} property has a value tviews cannot use; the message names it and says what to set. */
public class TViewsPropertyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public TViewsPropertyException(String property, String message) {
        super(property + ": " + message);
        this.property = property;
    }

    /** The property at fault, e.g. {@code tviews.entities[post].mode}. */
    public String property() {
        return property;
    }
}
