package dev.baton.api.security;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A password an account may be given: at least {@link PasswordHashes#MIN_CHARACTERS} characters
 * and at most {@link PasswordHashes#MAX_BYTES} bytes in UTF-8, all bcrypt reads (an accented
 * letter takes 2 bytes, most emoji 4). Null is valid (no password).
 */
@Documented
@Constraint(validatedBy = NewPassword.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NewPassword {
  String MESSAGE =
      "must be at least " + PasswordHashes.MIN_CHARACTERS + " characters and at most " + PasswordHashes.MAX_BYTES
          + " bytes in UTF-8 (an accented letter takes 2 bytes, most emoji 4)";

  String message() default MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Counts characters as a person does (code points) and bytes as bcrypt does. */
  final class Validator implements ConstraintValidator<NewPassword, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null
          || (value.codePointCount(0, value.length()) >= PasswordHashes.MIN_CHARACTERS && PasswordHashes.fits(value));
    }
  }
}
