console.log('dashboard placeholder');
