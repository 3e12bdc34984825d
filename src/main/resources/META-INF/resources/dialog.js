// A modal question: a native <dialog> (focus kept inside, Escape cancels), focus back where it was afterwards.
import { el } from './dom.js';

let seq = 0;

/** Asks; resolves true for the confirming button, false for cancel, Escape or closing. */
export function confirmDialog({ title, text, confirm = 'OK', cancel = 'Cancel', danger = false }) {
  return new Promise(resolve => {
    const opener = document.activeElement;
    const id = 'confirm-' + ++seq;
    const no = el('button', { type: 'button', class: 'btn ghost', 'data-answer': 'cancel' }, cancel);
    const ok = el(
      'button',
      { type: 'submit', class: 'btn primary' + (danger ? ' danger' : ''), value: 'ok', 'data-answer': 'ok' },
      confirm,
    );
    const d = el(
      'dialog',
      { class: 'dialog confirm', 'aria-labelledby': id + '-title', 'aria-describedby': id + '-text' },
      el(
        'form',
        { method: 'dialog' },
        el('h2', { id: id + '-title' }, title),
        el('p', { id: id + '-text' }, text),
        el('div', { class: 'row-end' }, no, ok),
      ),
    );
    no.addEventListener('click', () => d.close('cancel'));
    d.addEventListener('close', () => {
      d.remove();
      if (opener && opener.isConnected && opener.focus) opener.focus();
      resolve(d.returnValue === 'ok');
    });
    document.body.append(d);
    d.showModal();
    no.focus(); // the choice that changes nothing comes first
  });
}
