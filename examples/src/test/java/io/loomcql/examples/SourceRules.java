package io.loomcql.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The house rules every main source file of the repository follows, checked on the source text:
 * no file over {@value #MAX_FILE_LINES} lines, no method or constructor body over {@value
 * #MAX_METHOD_LINES} lines, no inline fully qualified name of a {@code java.*}, {@code javax.*}
 * or {@code io.loomcql.*} type in code (imports instead), and a {@code package-info.java} in every
 * package. Each violation is one line naming the file (relative to the repository root), the line
 * and what is wrong.
 *
 * <p>Method bodies are found by counting braces in the text with comments, strings, text blocks
 * and character literals blanked out: a brace opens a type body when its header declares a type
 * (or an anonymous class), a method body when it sits directly in a type body and its header ends
 * with a parameter list (or is a record's compact constructor), anything else (blocks, lambdas,
 * initializers, array initializers) belongs to whatever encloses it.
 */
final class SourceRules {

  static final int MAX_FILE_LINES = 600;
  static final int MAX_METHOD_LINES = 80;

  private static final Pattern TYPE_HEADER =
      Pattern.compile("(^|[^\\w.@])(class|interface|enum|record)\\s+\\w+|@interface\\s+\\w+");
  private static final Pattern ANONYMOUS_CLASS = Pattern.compile("(^|\\W)new\\s+[\\w.<>?,\\s\\[\\]]+\\(.*\\)$", Pattern.DOTALL);
  private static final Pattern METHOD_HEADER =
      Pattern.compile("\\)\\s*(throws\\s+[\\w.<>,\\s]+)?$", Pattern.DOTALL);
  private static final Pattern COMPACT_CONSTRUCTOR =
      Pattern.compile("^((public|protected|private)\\s+)?[A-Z]\\w*$");
  private static final Pattern ANNOTATION = Pattern.compile("@(?!interface\\b)[\\w.]+(\\s*\\([^()]*\\))?");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("(?<![\\w.])(javax?|io\\.loomcql)(\\.[a-z_][\\w]*)*\\.[A-Z]\\w*");

  private final Path root;
  private final List<String> violations = new ArrayList<>();

  private SourceRules(Path root) {
    this.root = root;
  }

  /** {@return every violation under {@code root}'s {@code *}{@code /src/main/java}, sorted} */
  static List<String> check(Path root) {
    SourceRules rules = new SourceRules(root);
    for (Path sources : mainSourceRoots(root)) {
      rules.checkTree(sources);
    }
    return rules.violations.stream().sorted().toList();
  }

  /** The {@code src/main/java} directory of every module directly under {@code root}. */
  static List<Path> mainSourceRoots(Path root) {
    try (Stream<Path> modules = Files.list(root)) {
      return modules
          .map(module -> module.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkTree(Path sources) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<Path> packages = new TreeSet<>();
    for (Path file : files) {
      if (!file.getParent().equals(sources)) {
        packages.add(file.getParent());
      }
      checkFile(file);
    }
    for (Path directory : packages) {
      if (!Files.exists(directory.resolve("package-info.java"))) {
        violations.add(relative(directory) + ": package without a package-info.java");
      }
    }
  }

  private void checkFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = relative(file);
    long lines = text.lines().count();
    if (lines > MAX_FILE_LINES) {
      violations.add(name + ": " + lines + " lines (at most " + MAX_FILE_LINES + ")");
    }
    String fileName = file.getFileName().toString();
    if (fileName.equals("module-info.java") || fileName.equals("package-info.java")) {
      return;
    }
    String code = blankCommentsAndLiterals(text);
    checkQualifiedNames(name, file, code);
    checkMethodLengths(name, code);
  }

  /**
   * Flags qualified type names outside imports. One is allowed where it is the only way to name
   * the type: its simple name is taken by a type of the file's own package.
   */
  private void checkQualifiedNames(String name, Path file, String code) {
    Set<String> ownPackageTypes = new TreeSet<>();
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      siblings.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".java"))
          .forEach(f -> ownPackageTypes.add(f.substring(0, f.length() - ".java".length())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("import ") || line.startsWith("package ")) {
        continue;
      }
      Matcher m = QUALIFIED_NAME.matcher(line);
      while (m.find()) {
        String simpleName = m.group().substring(m.group().lastIndexOf('.') + 1);
        if (!ownPackageTypes.contains(simpleName)) {
          violations.add(name + ":" + (i + 1) + ": inline qualified name " + m.group() + " (import it)");
        }
      }
    }
  }

  /** What a brace opened. */
  private enum Block {
    TYPE,
    ENUM_CONSTANTS,
    METHOD,
    OTHER
  }

  private record Open(Block block, int line, String header) {}

  private void checkMethodLengths(String name, String code) {
    Deque<Open> stack = new ArrayDeque<>();
    int line = 1;
    int headerStart = 0;
    int parentheses = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '(' || c == ')') {
        parentheses += c == '(' ? 1 : -1;
      } else if (parentheses > 0) {
        // Within an argument list or an annotation: a lambda's or an array's braces, a for
        // loop's semicolons. They neither open a method nor end the header being read.
        if (c == '{') {
          stack.push(new Open(Block.OTHER, line, ""));
        } else if (c == '}' && !stack.isEmpty()) {
          stack.pop();
        }
      } else if (c == ';' || c == '{' || c == '}') {
        if (c == '{') {
          String header = stripAnnotations(code.substring(headerStart, i)).strip();
          stack.push(new Open(classify(stack.peek(), header), line, header));
        } else if (c == '}' && !stack.isEmpty()) {
          Open open = stack.pop();
          int length = line - open.line() + 1;
          if (open.block() == Block.METHOD && length > MAX_METHOD_LINES) {
            violations.add(
                name + ":" + open.line() + ": " + methodName(open.header()) + " is " + length
                    + " lines (at most " + MAX_METHOD_LINES + ")");
          }
        } else if (c == ';' && !stack.isEmpty() && stack.peek().block() == Block.ENUM_CONSTANTS) {
          Open constants = stack.pop(); // the constants end: members follow, as in any type body
          stack.push(new Open(Block.TYPE, constants.line(), constants.header()));
        }
        headerStart = i + 1;
      }
    }
  }

  private static Block classify(Open enclosing, String header) {
    boolean inTypeBody =
        enclosing == null || enclosing.block() == Block.TYPE || enclosing.block() == Block.ENUM_CONSTANTS;
    if (TYPE_HEADER.matcher(header).find()) {
      return header.matches("(?s).*(^|\\W)enum\\s.*") ? Block.ENUM_CONSTANTS : Block.TYPE;
    }
    if (ANONYMOUS_CLASS.matcher(header).find()) {
      return Block.TYPE;
    }
    if (!inTypeBody || enclosing == null) {
      return Block.OTHER;
    }
    if (enclosing.block() == Block.ENUM_CONSTANTS) {
      return Block.TYPE; // a constant with a body of its own
    }
    if (header.contains("=") || header.contains("->")) {
      return Block.OTHER; // a field's array initializer
    }
    if (METHOD_HEADER.matcher(header).find() || COMPACT_CONSTRUCTOR.matcher(header).matches()) {
      return Block.METHOD;
    }
    return Block.OTHER; // an initializer
  }

  private static String stripAnnotations(String header) {
    String previous;
    String current = header;
    do {
      previous = current;
      current = ANNOTATION.matcher(previous).replaceAll(" ");
    } while (!current.equals(previous));
    return current;
  }

  private static String methodName(String header) {
    int paren = header.indexOf('(');
    String beforeParameters = paren < 0 ? header : header.substring(0, paren);
    String[] words = beforeParameters.strip().split("\\s+");
    return words[words.length - 1] + "()";
  }

  /**
   * {@code source} with every comment, string, text block and character literal replaced by
   * spaces (line breaks kept), so that what remains is code at the same line numbers.
   */
  static String blankCommentsAndLiterals(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      int end;
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        end = source.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        end = endOfQuoted(source, i + 3, "\"\"\"");
      } else if (c == '"' || c == '\'') {
        end = endOfQuoted(source, i + 1, String.valueOf(c));
      } else {
        out.append(c);
        i++;
        continue;
      }
      for (int k = i; k < end; k++) {
        out.append(source.charAt(k) == '\n' ? '\n' : ' ');
      }
      i = end;
    }
    return out.toString();
  }

  /** The index just past the {@code quote} that closes a literal whose content starts at {@code from}. */
  private static int endOfQuoted(String source, int from, String quote) {
    int i = from;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (source.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return source.length();
  }

  private String relative(Path path) {
    return root.relativize(path).toString();
  }
}
