package crm.journey.providers;

/**
 * A provider did not take a message. Permanent when trying again cannot help (the provider refused the request as
 * malformed or unauthorised): the send fails at once instead of after every retry.
 */
public class ProviderException extends RuntimeException {
    private final boolean permanent;

    public ProviderException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    public boolean isPermanent() {
        return permanent;
    }

    /** 4xx other than 408 (timeout) and 429 (rate) will be refused again; 5xx and the rest may pass later. */
    public static ProviderException ofStatus(String provider, int status, String body) {
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
        String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
        return new ProviderException(provider + " answered " + status + ": " + shown, permanent);
    }
}
