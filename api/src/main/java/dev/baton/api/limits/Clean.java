package dev.baton.api.limits;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.baton.text.CleanText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A string holds only characters every store accepts ({@link CleanText}): no control character
 * but tab, line feed and carriage return, no lone surrogate. Null is valid. The violation names
 * the character and its position.
 */
@Documented
@Constraint(validatedBy = Clean.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Clean {
  String message() default "contains characters that are not accepted";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks with {@link CleanText#problem}, and says what it found. */
  final class Validator implements ConstraintValidator<Clean, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String problem = CleanText.problem(value);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }
}
