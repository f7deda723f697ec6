package dev.assay.loadgen;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar loadgen.jar [options]} (see {@link Options#USAGE}). Prints the report table,
 * writes {@code <label>.json} (and {@code <label>.html} for load runs) to {@code --out}, and exits 0 when the run
 * passed its checks, 1 when it did not (a lost event, an unfinished or failed job, a refused upload), 2 on a
 * usage error.
 */
public final class LoadGenMain {

    private static final Logger log = LoggerFactory.getLogger(LoadGenMain.class);

    private LoadGenMain() {
    }

    /** Runs the load or baseline the arguments describe and exits with its verdict. */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            log.error("{}\n{}", e.getMessage(), Options.USAGE);
            System.exit(2);
            return;
        }
        boolean passed;
        if (options.mode().equals("rabbit")) {
            RabbitBaseline.Result result = new RabbitBaseline(options).run();
            log.info(Report.table(result));
            Path json = Report.writeJson(result, options.out(), options.label());
            log.info("report: {}", json);
            passed = result.passed(options.messages());
        } else {
            LoadResult result = new LoadRun(options).run();
            log.info(Report.table(result));
            Path json = Report.writeJson(result, options.out(), options.label());
            Path html = Report.writeHtml(result, options.out());
            log.info("reports: {} and {}", json, html);
            passed = result.passed();
        }
        System.exit(passed ? 0 : 1);
    }
}
