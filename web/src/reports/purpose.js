// The stated purpose the server records in its audit log before it shows someone's movements or per-officer figures.
// Asked each time in a dialog, with the last answer offered again.

const dialog = document.getElementById('purpose-dialog');
const input = dialog.querySelector('input[name="purpose"]');
const what = dialog.querySelector('.what');
let last = '';

/** The purpose the user gives for seeing `subject`, or null when they cancel. */
export function askPurpose(subject) {
  what.textContent = subject;
  input.value = last;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const purpose = input.value.trim();
      if (dialog.returnValue !== 'ok' || !purpose) {
        resolve(null);
        return;
      }
      last = purpose;
      resolve(purpose);
    }, { once: true });
  });
}
