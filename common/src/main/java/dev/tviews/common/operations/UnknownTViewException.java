package dev.tviews.common.operations;

import dev.tviews.common.TViewsException;
import java.util.List;

/** A TVIEW was named that is not registered; {@link #registered()} lists those that are. */
public class UnknownTViewException extends TViewsException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> registered;

    public UnknownTViewException(String name, List<String> registered, Throwable cause) {
        super("TVIEW " + name + " is not registered; " + (registered.isEmpty()
                ? "no TVIEW is registered yet (convert the tv_ tables or call pg_tviews_create first)"
                : "registered TVIEWs: " + String.join(", ", registered)), cause);
        this.name = name;
        this.registered = List.copyOf(registered);
    }

    /** The name that was given. */
    public String name() {
        return name;
    }

    /** The registered entity names, sorted. */
    public List<String> registered() {
        return registered;
    }
}
