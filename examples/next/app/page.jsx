// A server component: the member comes from the request (`?member=anna`); the gated buttons are
// a client component, rendered here on the server with the Node build and hydrated in the browser.
import { Gated } from './Gated.jsx';

export default async function Page({ searchParams }) {
  const { member } = await searchParams;
  return (
    <main>
      <h1>Acme customer portal</h1>
      <Gated initialMember={member === 'anna' ? 'anna' : 'otto'} />
    </main>
  );
}
