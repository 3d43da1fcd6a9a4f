// A masked multiline input for secrets such as SSH keys and PEM certificates: a <textarea> keeps
// the newlines a password input would strip, and `-webkit-text-security` (class "mask") draws
// discs instead of the text. Uncontrolled on purpose: the value never enters Preact state.
import type { Ref } from "preact";

export interface MaskedTextProps {
  id: string;
  inputRef?: Ref<HTMLTextAreaElement>;
  describedBy?: string;
  placeholder?: string;
  disabled?: boolean;
  onChange?(event: Event): void;
  onBlur?(event: Event): void;
  onKeyDown?(event: KeyboardEvent): void;
}

export function MaskedText({ id, inputRef, describedBy, placeholder, disabled, onChange, onBlur, onKeyDown }: MaskedTextProps) {
  return (
    <textarea
      id={id}
      ref={inputRef}
      class="mask"
      autocomplete="off"
      autocapitalize="off"
      spellcheck={false}
      aria-describedby={describedBy}
      placeholder={placeholder}
      disabled={disabled}
      onChange={onChange}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    />
  );
}
