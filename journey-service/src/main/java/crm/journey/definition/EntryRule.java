package crm.journey.definition;

/**
 * Who may start a run, and how often.
 *
 * @param key        a path into the trigger (see {@link EventPaths}, e.g. {@code properties.checkout_id}) whose value
 *                   tells runs apart: one run per cart rather than per profile. Null: one key per profile.
 * @param reentry    whether a profile may start another run with the same key
 * @param afterDays  for {@link ReEntry#after}: days since the last start before another run may start
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record EntryRule(String key, ReEntry reentry, Integer afterDays) {
    public static final EntryRule ONCE = new EntryRule(null, ReEntry.never, null);

    public enum ReEntry {
        /** One run per profile and key, ever. */
        never,
        /** Another run once {@code afterDays} have passed since the last one started. */
        after,
        /** Another run every time the trigger fires, unless one with the same key is still running. */
        always
    }

    public EntryRule {
        reentry = reentry == null ? ReEntry.never : reentry;
    }
}
