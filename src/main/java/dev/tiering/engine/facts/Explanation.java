package dev.tiering.engine.facts;

/**
 * The global {@code reasons} of the rule files: a consequence says, with its numbers, why it fired.
 * The engine attributes each sentence to the rule that is firing and to that rule's file.
 */
public interface Explanation {
    void add(String message);

    /**
     * Says a message from a template with named slots ({@link Prose#say}): the words stay in the
     * rule file, the numbers are written by {@link Prose}.
     */
    default void say(String template, Object... values) {
        add(Prose.say(template, values));
    }
}
