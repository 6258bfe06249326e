// A lesson's plain text drawn as paragraphs, with `code` in backticks as code.
import { inlineParts, paragraphs } from './lesson-text';

export function LessonText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `lesson-text ${className}` : 'lesson-text'}>
      {paragraphs(text).map((p, i) => (
        <p key={i}>{inlineParts(p).map((part, j) => (part.code ? <code key={j}>{part.text}</code> : part.text))}</p>
      ))}
    </div>
  );
}
