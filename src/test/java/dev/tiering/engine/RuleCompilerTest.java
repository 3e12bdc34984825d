package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Compiling a rule folder: versions, file and rule listing, and errors that say where. */
@Execution(ExecutionMode.CONCURRENT)
class RuleCompilerTest {

    @TempDir Path dir;

    private void copyRules() throws IOException {
        try (Stream<Path> files = Files.list(RulesFixture.RULES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void lists_every_file_with_its_rules_in_file_order() {
        RuleSet rules = RulesFixture.rules();
        assertThat(rules.files())
                .extracting(RuleSet.RuleFile::file)
                .contains("stages.drl", "tiers.drl", "risks.drl", "gaps.drl", "screen.drl");
        RuleSet.RuleFile tiers =
                rules.files().stream()
                        .filter(f -> f.file().equals("tiers.drl"))
                        .findFirst()
                        .orElseThrow();
        assertThat(tiers.rules())
                .startsWith("Tier one: massive binding orders from established customers");
        assertThat(rules.hasReasonsGlobal()).isTrue();
    }

    @Test
    void every_threshold_of_the_shipped_rules_is_read_with_its_value_file_and_line() {
        RuleSet rules = RulesFixture.rules();
        assertThat(rules.thresholds())
                .extracting(
                        RuleSet.Threshold::name, RuleSet.Threshold::file, RuleSet.Threshold::value)
                .contains(
                        tuple("massiveEstablishedBacklogUsd", "tiers.drl", 1_000_000_000.0),
                        tuple("tierThreeNorthAmericaAiMw", "tiers.drl", 0.0),
                        tuple("bareMetalDensityUsd", "stages.drl", 5_000_000.0),
                        tuple("colocationRateUsd", "gaps.drl", 1_780_000.0),
                        tuple("bareMetalLowUsd", "gaps.drl", 9_700_000.0),
                        tuple("bareMetalHighUsd", "gaps.drl", 11_000_000.0),
                        tuple("concentrationShare", "risks.drl", 0.5),
                        tuple("cryptoRevenueShare", "risks.drl", 0.5),
                        tuple("highPotentialNorthAmericaAiMw", "screen.drl", 100.0));
        assertThat(rules.thresholds()).allSatisfy(t -> assertThat(t.line()).isPositive());
        // Functions with parameters, or that return no number, are not thresholds.
        assertThat(rules.thresholds())
                .extracting(RuleSet.Threshold::name)
                .doesNotContain("cloudToComplete");
    }

    @Test
    void every_rule_knows_its_file_and_the_line_it_is_declared_on() throws IOException {
        RuleSet rules = RulesFixture.rules();
        for (RuleSet.RuleInfo rule : rules.rules()) {
            String text = Files.readString(RulesFixture.RULES.resolve(rule.file()));
            String declared = text.lines().skip(rule.line() - 1).findFirst().orElse("");
            assertThat(declared).as(rule.name()).startsWith("rule \"" + rule.name() + "\"");
        }
    }

    @Test
    void the_version_is_a_hash_of_the_content() throws IOException {
        copyRules();
        String first = RuleSources.read(dir).version();
        assertThat(RuleSources.read(dir).version()).isEqualTo(first);
        Path tiers = dir.resolve("tiers.drl");
        Files.writeString(tiers, Files.readString(tiers).replace("1000000000.0", "20000000000.0"));
        assertThat(RuleSources.read(dir).version()).isNotEqualTo(first);
    }

    @Test
    void editor_temp_files_and_hidden_files_are_not_rules() {
        assertThat(RuleSources.isRuleFile(Path.of("tiers.drl"))).isTrue();
        assertThat(RuleSources.isRuleFile(Path.of(".tiers.drl.swp"))).isFalse();
        assertThat(RuleSources.isRuleFile(Path.of("tiers.drl~"))).isFalse();
        assertThat(RuleSources.isRuleFile(Path.of("#tiers.drl#"))).isFalse();
        assertThat(RuleSources.isRuleFile(Path.of(".git", "x.drl"))).isFalse();
    }

    @Test
    void a_syntax_error_names_the_file_and_line() throws IOException {
        copyRules();
        Path risks = dir.resolve("risks.drl");
        String text = Files.readString(risks);
        int line = (int) text.substring(0, text.indexOf("rule \"Crypto")).lines().count() + 1;
        Files.writeString(
                risks, text.replace("rule \"Crypto", "rule \"Crypto\" whn garbage\nrule \"Crypto"));
        assertThatThrownBy(() -> new RuleCompiler().compile(RuleSources.read(dir)))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e -> {
                            assertThat(e.errors()).isNotEmpty();
                            RuleError first = e.errors().get(0);
                            assertThat(first.file()).isEqualTo("risks.drl");
                            assertThat(first.line()).isBetween(line, line + 2);
                            assertThat(e.getMessage()).contains("risks.drl");
                        });
    }

    @Test
    void a_constraint_on_an_unknown_field_names_the_file_and_line() throws IOException {
        copyRules();
        Path tiers = dir.resolve("tiers.drl");
        Files.writeString(
                tiers,
                Files.readString(tiers)
                        .replace(
                                "OperatorFact( bindingDeals > 0 )",
                                "OperatorFact( bindingDealz > 0 )"));
        assertThatThrownBy(() -> new RuleCompiler().compile(RuleSources.read(dir)))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e -> {
                            assertThat(e.errors())
                                    .anySatisfy(
                                            err -> {
                                                assertThat(err.file()).isEqualTo("tiers.drl");
                                                assertThat(err.line()).isGreaterThan(0);
                                            });
                        });
    }

    @Test
    void what_rule_files_of_earlier_rule_sets_call_still_compiles() throws IOException {
        // Archived rule sets compile again for a replay, a backtest or a rollback: the helpers
        // and facts they used stay, even where the shipped rules no longer call them.
        copyRules();
        Path gaps = dir.resolve("gaps.drl");
        Files.writeString(
                gaps,
                Files.readString(gaps)
                        + "\nrule \"An earlier rule set's upside of the whole book\"\n"
                        + "when\n"
                        + "    $d : DealFact( binding )\n"
                        + "then\n"
                        + "    insert( new ConversionUpside( 0.0 ) );\n"
                        + "    reasons.add( Prose.valueAndPrice( $d ) + Prose.size( $d ) );\n"
                        + "end\n");

        RuleSet rules = new RuleCompiler().compile(RuleSources.read(dir));

        assertThat(rules.files()).isNotEmpty();
    }

    @Test
    void an_empty_folder_is_refused() {
        assertThatThrownBy(() -> new RuleCompiler().compile(RuleSources.read(dir)))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("no rule files");
    }
}
