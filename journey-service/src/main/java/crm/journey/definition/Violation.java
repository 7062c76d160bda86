package crm.journey.definition;

/** One reason a journey definition cannot run, naming the field at fault (for example {@code steps[0].template}). */
public record Violation(String field, String message) {
}
