// Deleting one's own account, from one's own profile page: typing the password again is the confirmation
// (DELETE /users/me); once the server answered 202 the session is over, and the rest of the deletion runs on the server.
import { api } from './api.js';
import { element } from './dom.js';

export function deleteAccountForm(onDeleted) {
  const form = element('form', 'inline danger');
  form.dataset.testid = 'delete-account';
  const password = element('input');
  Object.assign(password, { id: 'delete-password', type: 'password', required: true, maxLength: 128, placeholder: 'your password', autocomplete: 'current-password' });
  password.dataset.testid = 'delete-password';
  const submit = element('button', 'small-button', 'Delete my account');
  submit.type = 'submit';
  submit.dataset.testid = 'delete-submit';
  const error = element('span', 'error');
  error.setAttribute('role', 'alert');
  error.dataset.testid = 'delete-error';
  form.append(password, submit, error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await api('DELETE', '/users/me', { password: password.value });
      await onDeleted();
    } catch (failure) {
      error.textContent = failure.status === 403 ? 'The password is wrong.' : failure.message;
      submit.disabled = false;
    }
  });
  return form;
}
