package crm.ingest.webhooks;

import crm.web.ProblemException;

/**
 * The one answer to a delivery that is not signed by a secret of the workspace: the same 401 whether the signature is
 * missing or wrong, the workspace unknown or the provider not configured, so an unsigned caller learns nothing.
 */
public final class SignatureRefused {
    private SignatureRefused() {
    }

    public static ProblemException of(String header) {
        return ProblemException.unauthorized("missing or invalid " + header);
    }
}
