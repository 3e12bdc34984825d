package dev.tiering.lifecycle;

import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleSources;

/**
 * A look at a candidate's rules before the serving process runs them: compiling them and running
 * their scenarios somewhere they cannot stop, hang or hurt this process (a child process under a
 * time budget). The lifecycle asks before compiling a new candidate; what the rules do wrong within
 * the rules (a failing scenario, a runaway rule) is then found, with file and line, by the gate in
 * this process.
 */
public interface CandidateVetting {
    /**
     * Returns if the candidate may be compiled and checked here.
     *
     * @param current the active rule set's sources, to name what changed; null at start
     * @throws RuleCompilationException if checking it stopped its process, or ran out of time
     */
    void vet(RuleSources candidate, RuleSources current);

    /** No vetting: the candidate is compiled and checked in this process only. */
    CandidateVetting NONE = (candidate, current) -> {};
}
