package dev.tenacious.cli;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.config.Problem;

import java.io.File;
import java.io.PrintStream;

/** {@code java -jar tenacious-agent.jar validate FILE}: checks a policy file (exit 0 valid, 1 invalid, 2 usage). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 2 && args[0].equals("validate")) {
            return validate(new File(args[1]), out, err);
        }
        err.println("usage: java -jar tenacious-agent.jar validate FILE");
        err.println("  validate FILE   check a policy file; prints every error with file:line:column; exit 0 valid, 1 invalid");
        return 2;
    }

    static int validate(File file, PrintStream out, PrintStream err) {
        if (!file.isFile()) {
            err.println(file + ": no such file");
            return 1;
        }
        ParseResult result = PolicyFileParser.parse(file.toPath());
        for (Problem w : result.warnings()) {
            err.println("warning: " + w);
        }
        for (Problem e : result.errors()) {
            err.println("error: " + e);
        }
        if (result.isValid()) {
            out.println(file + ": valid, " + result.file().policies().size() + " policies");
            return 0;
        }
        err.println(file + ": " + result.errors().size() + (result.errors().size() == 1 ? " error" : " errors"));
        return 1;
    }
}
