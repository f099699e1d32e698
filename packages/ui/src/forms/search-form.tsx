import { type FormEvent, useState } from "react";
import { Button } from "../primitives/button.tsx";
import { Input } from "./field.tsx";

/** A search box that searches on submit (Enter or the button), not on every keystroke. */
export function SearchForm({
  label,
  placeholder,
  onSearch,
}: {
  label: string;
  placeholder?: string;
  onSearch: (term: string) => void;
}) {
  const [term, setTerm] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(term.trim());
  };
  return (
    <form onSubmit={submit} className="mb-3 flex gap-2" aria-label={label}>
      <Input
        aria-label={label}
        placeholder={placeholder ?? "Search"}
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
