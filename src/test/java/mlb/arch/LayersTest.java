package mlb.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The one-way flow of DESIGN.md, checked on the compiled classes: spec → model → compile → plan are pure and
 * know no driver; only the CLI knows the CLI; the engine knows no front end.
 */
class LayersTest {
    private static final JavaClasses MLB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("mlb");

    private static void check(ArchRule rule) {
        rule.check(MLB);
    }

    @Test
    void nothingOutsideTheCliImportsTheCli() {
        check(noClasses().that().resideOutsideOfPackage("mlb.cli..").should().dependOnClassesThat().resideInAPackage("mlb.cli.."));
    }

    @Test
    void thePureCoreImportsNoDriverAndNoSideEffects() {
        check(noClasses().that().resideInAnyPackage("mlb.spec..", "mlb.model..", "mlb.compile..", "mlb.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("mlb.kernel..", "mlb.proc..", "mlb.engine..",
                        "mlb.history..", "mlb.view..", "mlb.lab..", "mlb.monitor.."));
    }

    @Test
    void theModelIsTheBottom() {
        check(noClasses().that().resideInAPackage("mlb.model..")
                .should().dependOnClassesThat().resideInAnyPackage("mlb.spec..", "mlb.compile..", "mlb.plan.."));
    }

    @Test
    void driversDoNotKnowPlansOrTheEngine() {
        check(noClasses().that().resideInAPackage("mlb.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("mlb.plan..", "mlb.compile..", "mlb.engine..",
                        "mlb.history..", "mlb.view..", "mlb.spec.."));
    }

    @Test
    void eachDriverKnowsOnlyItsOwnTool() {
        check(noClasses().that().resideInAPackage("mlb.kernel..").should().dependOnClassesThat().resideInAPackage("mlb.host.."));
        check(noClasses().that().resideInAPackage("mlb.kernel.nft..")
                .should().dependOnClassesThat().resideInAnyPackage("mlb.kernel.ip..", "mlb.kernel.sysctl.."));
        check(noClasses().that().resideInAPackage("mlb.kernel.ip..")
                .should().dependOnClassesThat().resideInAnyPackage("mlb.kernel.nft..", "mlb.kernel.sysctl.."));
    }

    @Test
    void theEngineKnowsNoFrontEnd() {
        check(noClasses().that().resideInAPackage("mlb.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("mlb.view..", "mlb.lab..", "mlb.monitor..", "picocli.."));
    }

    @Test
    void theTopLevelPackagesHaveNoCycles() {
        check(slices().matching("mlb.(*)..").should().beFreeOfCycles());
    }
}
