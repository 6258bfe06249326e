// CodeMirror 6 in React: created once per opened file; the parent reads the
// text through onChange. Highlighting uses token classes styled by the app's
// theme variables, so light and dark follow the app.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { languageFor } from './languages';

interface Props {
  /** The text when opened; a new value (reload) replaces the document. */
  initial: string;
  fileName: string;
  label: string;
  onChange: (text: string) => void;
  onSave: () => void;
  /** Lets the parent move the cursor (to a problem a check found). */
  editorRef?: Ref<CodeEditorHandle>;
}

export interface CodeEditorHandle {
  /** Puts the cursor on `line` (1-based) at `column` (1-based), scrolls it into view and focuses the editor. */
  goTo(line: number, column?: number): void;
}

export function CodeEditor({ initial, fileName, label, onChange, onSave, editorRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  useImperativeHandle(
    editorRef,
    () => ({
      goTo(line, column = 1) {
        const view = viewRef.current;
        if (!view) return;
        const doc = view.state.doc;
        const at = doc.line(Math.min(Math.max(1, line), doc.lines));
        const pos = Math.min(at.from + Math.max(0, column - 1), at.to);
        view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
        view.focus();
      },
    }),
    [],
  );
  const handlers = useRef({ onChange, onSave });
  handlers.current = { onChange, onSave };

  useEffect(() => {
    if (!host.current) return;
    const language = languageFor(fileName);
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          syntaxHighlighting(classHighlighter),
          keymap.of([
            { key: 'Mod-s', preventDefault: true, run: () => (handlers.current.onSave(), true) },
            ...defaultKeymap,
            ...historyKeymap,
            ...searchKeymap,
            indentWithTab,
          ]),
          // tabindex: the text is what the keyboard reaches in a scrolled editor (axe counts no bare contenteditable).
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
          ...(language ? [language.extension] : []),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, [initial, fileName, label]);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
