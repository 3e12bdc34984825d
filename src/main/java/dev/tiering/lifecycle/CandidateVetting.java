package dev.tiering.lifecycle;

import dev.tiering.engine.CompiledRules;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleSources;

/**
 * A look at a candidate's rules before the serving process runs them: compiling them and running
 * their scenarios somewhere they cannot stop, hang or hurt this process (the checker, under a time
 * budget). The lifecycle asks before taking a new candidate; what the rules do wrong within the
 * rules (a failing scenario, a runaway rule, code the sandbox refuses) is then found, with file and
 * line, by the gate in this process.
 */
public interface CandidateVetting {
    /**
     * Returns if the candidate may be compiled and checked here.
     *
     * @param current the active rule set's sources, to name what changed; null at start
     * @return the candidate's class files where they were compiled and hold (to be checked again
     *     and loaded here instead of compiling the rules twice), or null
     * @throws RuleCompilationException if the rules do not hold (with file and line), or checking
     *     them stopped the checker or ran out of time
     */
    CompiledRules vet(RuleSources candidate, RuleSources current);

    /** No vetting: the candidate is compiled and checked in this process only. */
    CandidateVetting NONE = (candidate, current) -> null;
}
