// The lesson's questions, answered in place: choose, press Answer, and read
// whether it was right and why. An answer can be given again.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonQuestion, LessonState } from '../../../../runtime/domains/learn/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ErrorLike } from '../../lib/localize-error';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import { learnKeys } from './queries';

function Question({
  lessonId,
  question,
  n,
  state,
  stale,
}: {
  lessonId: string;
  question: LessonQuestion;
  n: number;
  state: LessonState | null;
  stale: boolean;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const locale = useUi((s) => s.language);
  const answer = state?.answers[question.id];
  const [choice, setChoice] = useState<string | null>(answer?.choice ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorLike | null>(null);
  const name = `question-${question.id}`;

  const submit = async () => {
    if (choice === null) return;
    setBusy(true);
    setError(null);
    try {
      const given = await client.request('learn.answer', { id: lessonId, locale, question: question.id, choice });
      queryClient.setQueryData<LessonState | null>(learnKeys.state(lessonId, locale), (s) =>
        s ? { ...s, answers: { ...s.answers, [question.id]: given } } : s,
      );
      void queryClient.invalidateQueries({ queryKey: learnKeys.allLessons() });
    } catch (e) {
      setError(toErrorLike(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="lesson-question"
      data-testid="lesson-question"
      data-id={question.id}
      data-answered={answer ? (answer.correct ? 'right' : 'wrong') : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>
          <span className="lesson-question-n">{t('learn.questionNumber', { n })}</span> {question.prompt}
        </legend>
        {question.choices.map((c) => (
          <label key={c.id} className="check lesson-choice">
            <input type="radio" name={name} value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} />
            <span>{c.text}</span>
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={choice === null || busy || stale}>
          {answer ? t('learn.answerAgain') : t('learn.answer')}
        </button>
      </div>
      <div role="status" className="lesson-answer-live">
        {answer && (
          <div className={`lesson-answer ${answer.correct ? 'right' : 'wrong'}`} data-testid="answer-result">
            <p className="lesson-answer-verdict">{answer.correct ? t('learn.right') : t('learn.wrong')}</p>
            <p>{answer.explanation}</p>
          </div>
        )}
      </div>
      {error && <ErrorAlert title={t('learn.answerFailed')} messages={[error]} onDismiss={() => setError(null)} />}
    </form>
  );
}

export function LessonQuestions({
  lessonId,
  questions,
  state,
  stale,
}: {
  lessonId: string;
  questions: LessonQuestion[];
  state: LessonState | null;
  stale: boolean;
}) {
  const { t } = useTranslation();
  if (questions.length === 0) return null;
  return (
    <section className="lesson-section" aria-labelledby="lesson-questions-title">
      <h2 id="lesson-questions-title" className="section-title">
        {t('learn.questions')}
      </h2>
      {questions.map((q, i) => (
        <Question key={q.id} lessonId={lessonId} question={q} n={i + 1} state={state} stale={stale} />
      ))}
    </section>
  );
}
